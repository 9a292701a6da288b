// Google's JS SDK against the emulator: one text turn, then one audio turn, on one Live session.
// Input (environment): EMULATOR_URL (http://host:port, given to the SDK as httpOptions.baseUrl), EMULATOR_API_KEY.
// Output: one JSON line per completed turn on stdout; exit 0 when both turns completed, 1 otherwise.
import {GoogleGenAI, Modality} from '@google/genai';

const MODEL = 'gemini-2.5-flash-native-audio-latest';
const TURN_TIMEOUT_MS = 20_000;

/** The model's next turn: what the SDK delivered until turnComplete. */
class TurnCollector {
    constructor() {
        this.reset();
    }

    reset() {
        this.turn = {inputTranscript: '', outputTranscript: '', audioChunks: 0, audioBytes: 0, audioMimeTypes: []};
        this.done = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
        // a close after the last turn rejects a promise nobody waits for: not an error
        this.done.catch(() => {});
    }

    onMessage(message) {
        const content = message.serverContent;
        if (!content) {
            return;
        }
        for (const part of content.modelTurn?.parts ?? []) {
            if (part.inlineData) {
                this.turn.audioChunks++;
                this.turn.audioBytes += Buffer.from(part.inlineData.data, 'base64').length;
                if (!this.turn.audioMimeTypes.includes(part.inlineData.mimeType)) {
                    this.turn.audioMimeTypes.push(part.inlineData.mimeType);
                }
            }
        }
        this.turn.inputTranscript += content.inputTranscription?.text ?? '';
        this.turn.outputTranscript += content.outputTranscription?.text ?? '';
        if (content.interrupted) {
            this.reject(new Error('the turn was interrupted'));
        }
        if (content.turnComplete) {
            this.resolve({...this.turn, turnComplete: true});
        }
    }

    /** The turn, once complete; rejects after TURN_TIMEOUT_MS. */
    async next(name) {
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no turnComplete for the ${name} turn`)), TURN_TIMEOUT_MS);
        });
        try {
            const turn = await Promise.race([this.done, timeout]);
            console.log(JSON.stringify({turn: name, ...turn}));
        } finally {
            clearTimeout(timer);
            this.reset();
        }
    }
}

/** `millis` of 16 kHz 16-bit little-endian mono PCM: a 440 Hz tone of `amplitude`, 0 = silence. */
function pcm16k(millis, amplitude) {
    const samples = 16 * millis;
    const pcm = Buffer.alloc(samples * 2);
    for (let i = 0; i < samples; i++) {
        pcm.writeInt16LE(Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000)), i * 2);
    }
    return pcm.toString('base64');
}

const collector = new TurnCollector();
const ai = new GoogleGenAI({apiKey: process.env.EMULATOR_API_KEY, httpOptions: {baseUrl: process.env.EMULATOR_URL}});
const session = await ai.live.connect({
    model: MODEL,
    config: {responseModalities: [Modality.AUDIO], inputAudioTranscription: {}, outputAudioTranscription: {}},
    callbacks: {
        onmessage: (message) => collector.onMessage(message),
        onerror: (event) => collector.reject(new Error(`WebSocket error: ${event.message}`)),
        // a close before both turns completed fails the turn under way
        onclose: (event) => collector.reject(new Error(`closed: ${event.code} ${event.reason}`)),
    },
});
try {
    session.sendClientContent({turns: [{role: 'user', parts: [{text: 'Hello from the JS SDK'}]}], turnComplete: true});
    await collector.next('text');

    // one second of a loud tone, then more silence than the emulator's 800 ms end-of-speech window
    const tone = pcm16k(100, 8_000);
    const silence = pcm16k(100, 0);
    for (let i = 0; i < 22; i++) {
        session.sendRealtimeInput({audio: {data: i < 10 ? tone : silence, mimeType: 'audio/pcm;rate=16000'}});
    }
    await collector.next('audio');
} catch (e) {
    console.error(e.message);
    process.exitCode = 1;
} finally {
    session.close();
}
