// The voice page: the microphone goes to the route as binary frames of 16-bit PCM at the AudioContext's rate (the
// rate declared once, in the WebSocket's URL); the model's 24 kHz PCM is played as it comes; "interrupted" stops
// playback at once; transcripts are shown as they arrive. window.voice holds what happened, for a test to read.
'use strict';

/** Microphone audio per WebSocket message. */
const FRAME_MS = 20;
/** Audio the page lets wait in the WebSocket's send buffer (bytes at 48 kHz: 1 s); beyond it frames are dropped. */
const MAX_UNSENT = 96000;
/** The most microphone rate sent: the route's limit; a device faster than that (88.2, 96 kHz) is captured at it. */
const MAX_MIC_RATE = 48000;
/** Transcript lines kept on the page. */
const MAX_LINES = 200;

const voice = {
    state: 'idle', micRate: null, framesSent: 0, framesDropped: 0, samplesPlayed: 0, interruptions: 0, clears: 0,
    clearedSamples: 0, overflows: 0, oddFrames: 0, closeCode: null, closeReason: null,
};
window.voice = voice;

const ui = {
    button: document.getElementById('talk'),
    status: document.getElementById('status'),
    transcript: document.getElementById('transcript'),
    stats: document.getElementById('stats'),
};

let call = null;

async function start() {
    setState('starting');
    // what is open so far: a failure before the call is up releases it (the microphone above all)
    const parts = {};
    try {
        call = await open(parts);
    } catch (error) {
        if (parts.ws) {
            parts.ws.onclose = null; // the page says why the start failed, not that the socket closed
        }
        release(parts);
        throw error;
    }
}

async function open(parts) {
    const stream = parts.stream = await navigator.mediaDevices.getUserMedia({
        audio: {channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true},
    });
    const mic = parts.mic = captureContext();
    // the model's rate; the browser resamples to the device
    const speaker = parts.speaker = new AudioContext({sampleRate: 24000});
    voice.micRate = mic.sampleRate;
    await Promise.all([mic.audioWorklet.addModule('worklets.js'), speaker.audioWorklet.addModule('worklets.js')]);

    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = parts.ws = new WebSocket(`${scheme}://${location.host}/audio?rate=${mic.sampleRate}`);
    ws.binaryType = 'arraybuffer';

    const capture = new AudioWorkletNode(mic, 'pcm-capture', {
        numberOfOutputs: 0,
        processorOptions: {frameSamples: Math.round(mic.sampleRate * FRAME_MS / 1000)},
    });
    capture.port.onmessage = (event) => {
        if (ws.readyState !== WebSocket.OPEN) {
            return; // nothing before the route has the rate, nothing after the close
        }
        if (ws.bufferedAmount > MAX_UNSENT) {
            voice.framesDropped++;
            return;
        }
        ws.send(event.data);
        voice.framesSent++;
    };
    const source = mic.createMediaStreamSource(stream);
    source.connect(capture);

    const player = new AudioWorkletNode(speaker, 'pcm-player', {outputChannelCount: [1]});
    player.connect(speaker.destination);
    player.port.onmessage = (event) => {
        const report = event.data;
        if (report.overflow) {
            voice.overflows++;
        }
        if (report.cleared !== undefined) {
            voice.clears++;
            voice.clearedSamples += report.cleared;
        }
        if (report.played !== undefined) {
            voice.samplesPlayed = report.played;
        }
        showStats();
    };

    ws.onopen = () => setState('listening');
    ws.onmessage = (event) => {
        if (typeof event.data === 'string') {
            onMessage(JSON.parse(event.data), player);
        } else if (event.data.byteLength % 2 === 0) {
            player.port.postMessage(event.data, [event.data]);
        } else {
            voice.oddFrames++; // no 16-bit PCM: not played
        }
    };
    ws.onclose = (event) => {
        voice.closeCode = event.code;
        voice.closeReason = event.reason;
        end(`closed (${event.code}${event.reason ? ': ' + event.reason : ''})`);
    };
    return parts;
}

/** The microphone's context: at the device's rate (48 kHz usually), at most MAX_MIC_RATE. */
function captureContext() {
    const device = new AudioContext();
    if (device.sampleRate <= MAX_MIC_RATE) {
        return device;
    }
    device.close();
    return new AudioContext({sampleRate: MAX_MIC_RATE});
}

/** Stops the microphone and closes the audio and the WebSocket of a call, or of what a failed start opened. */
function release(parts) {
    if (parts.stream) {
        parts.stream.getTracks().forEach((track) => track.stop());
    }
    if (parts.ws && parts.ws.readyState < WebSocket.CLOSING) {
        parts.ws.close();
    }
    [parts.mic, parts.speaker].filter((context) => context && context.state !== 'closed')
        .forEach((context) => context.close());
}

function onMessage(message, player) {
    switch (message.type) {
        case 'interrupted':
            player.port.postMessage('clear'); // the model stopped: so does its voice, now
            voice.interruptions++;
            finishLine('model', ' (interrupted)');
            showStats();
            break;
        case 'input':
            addText('user', message.text, message.interim === true);
            break;
        case 'output':
            addText('model', message.text, false);
            break;
        case 'turnComplete':
            finishLine('model', '');
            break;
        case 'closed':
            setState('the live session ended');
            break;
        default:
            break;
    }
}

/** Appends a transcript chunk to the role's open line, or starts a new line; an interim chunk shows until the next. */
function addText(role, text, interim) {
    let line = ui.transcript.lastElementChild;
    if (!line || line.dataset.role !== role || line.dataset.done) {
        if (line) {
            line.dataset.done = 'true';
        }
        line = document.createElement('p');
        line.className = role;
        line.dataset.role = role;
        const who = document.createElement('b');
        who.textContent = role === 'user' ? 'You: ' : 'Model: ';
        const final = document.createElement('span');
        final.className = 'final';
        const pending = document.createElement('span');
        pending.className = 'interim';
        line.append(who, final, pending);
        ui.transcript.append(line);
        while (ui.transcript.childElementCount > MAX_LINES) {
            ui.transcript.firstElementChild.remove();
        }
    }
    // textContent, never HTML: transcripts are text whatever they contain
    if (interim) {
        line.querySelector('.interim').textContent = text;
    } else {
        line.querySelector('.final').textContent += text;
        line.querySelector('.interim').textContent = '';
    }
    line.scrollIntoView({block: 'end'});
}

function finishLine(role, suffix) {
    const line = ui.transcript.lastElementChild;
    if (line && line.dataset.role === role && !line.dataset.done) {
        line.querySelector('.final').textContent += suffix;
        line.dataset.done = 'true';
    }
}

function stop() {
    if (call) {
        call.ws.close(1000, 'the user hung up');
    }
    end('idle');
}

function end(state) {
    if (call) {
        release(call);
        call = null;
    }
    setState(state);
}

function setState(state) {
    voice.state = state;
    ui.status.textContent = state;
    ui.button.textContent = call || state === 'starting' ? 'Hang up' : 'Talk';
}

function showStats() {
    ui.stats.textContent = `model audio played: ${(voice.samplesPlayed / 24000).toFixed(1)} s`
        + ` · interruptions: ${voice.interruptions}`;
}

ui.button.addEventListener('click', () => {
    if (voice.state === 'starting') {
        return;
    }
    if (call) {
        stop();
    } else {
        start().catch((error) => end(`could not start: ${error.message}`));
    }
});
