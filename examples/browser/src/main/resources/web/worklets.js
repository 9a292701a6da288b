// The page's two audio worklets, on the audio thread: the microphone's capture and the model's playback.
'use strict';

/** Cuts the microphone (the first channel, at the AudioContext's rate) into frames of 16-bit PCM for the route. */
class PcmCapture extends AudioWorkletProcessor {
    constructor(options) {
        super();
        this.frameSamples = options.processorOptions.frameSamples;
        this.frame = new Int16Array(this.frameSamples);
        this.filled = 0;
    }

    process(inputs) {
        const input = inputs[0][0];
        if (input) {
            for (let i = 0; i < input.length; i++) {
                const s = Math.max(-1, Math.min(1, input[i]));
                this.frame[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
                if (this.filled === this.frameSamples) {
                    // handed over, not copied: the next frame gets a new buffer
                    this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
                    this.frame = new Int16Array(this.frameSamples);
                    this.filled = 0;
                }
            }
        }
        return true;
    }
}

registerProcessor('pcm-capture', PcmCapture);

/** The most model audio queued (60 s at 24 kHz); beyond it a chunk is dropped and reported. */
const MAX_QUEUED = 24000 * 60;
/** Played samples are reported every 100 ms of audio, and whenever the queue runs dry. */
const REPORT_EVERY = 2400;

/**
 * Plays the model's PCM (16-bit, at the AudioContext's rate: 24 kHz) in the order it comes. The message 'clear'
 * drops everything queued at once (barge-in) and answers with what it dropped.
 */
class PcmPlayer extends AudioWorkletProcessor {
    constructor() {
        super();
        this.queue = [];
        this.offset = 0;
        this.queued = 0;
        this.played = 0;
        this.reported = 0;
        this.port.onmessage = (event) => {
            if (event.data === 'clear') {
                const dropped = this.queued;
                this.queue = [];
                this.offset = 0;
                this.queued = 0;
                this.port.postMessage({cleared: dropped, played: this.played});
                return;
            }
            const pcm = new Int16Array(event.data);
            if (this.queued + pcm.length > MAX_QUEUED) {
                this.port.postMessage({overflow: pcm.length});
                return;
            }
            this.queue.push(pcm);
            this.queued += pcm.length;
        };
    }

    process(inputs, outputs) {
        const out = outputs[0][0];
        let i = 0;
        while (i < out.length && this.queue.length > 0) {
            const chunk = this.queue[0];
            const n = Math.min(out.length - i, chunk.length - this.offset);
            for (let k = 0; k < n; k++) {
                out[i + k] = chunk[this.offset + k] / 32768;
            }
            i += n;
            this.offset += n;
            if (this.offset === chunk.length) {
                this.queue.shift();
                this.offset = 0;
            }
        }
        this.played += i;
        this.queued -= i;
        if (this.played - this.reported >= REPORT_EVERY || (i > 0 && this.queued === 0)) {
            this.reported = this.played;
            this.port.postMessage({played: this.played});
        }
        return true;
    }
}

registerProcessor('pcm-player', PcmPlayer);
