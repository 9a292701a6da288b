package io.github.camelgeminilive.session.resilience;

import io.github.camelgeminilive.protocol.Setup;
import io.github.camelgeminilive.session.SessionOptions;

/** The session options of a resilient session's connections: resumption on, no event executor of their own. */
final class ResumableSetup {

    private ResumableSetup() {
    }

    /**
     * {@code sessionResumption} enabled (with {@code transparent} when asked; the handle is set per connection),
     * and no event executor: a connection hands its events to the engine inline, and the engine delivers to the
     * caller's executor itself.
     */
    static SessionOptions of(SessionOptions options, boolean transparent) {
        Setup s = options.setup();
        Setup resumable = new Setup(s.model(), s.generationConfig(), s.systemInstruction(), s.tools(),
                s.realtimeInputConfig(), new Setup.SessionResumptionConfig(null, transparent ? Boolean.TRUE : null),
                s.contextWindowCompression(), s.inputAudioTranscription(), s.outputAudioTranscription(),
                s.proactivity(), s.enableAffectiveDialog(), s.historyConfig(), s.explicitVadSignal(),
                s.safetySettings(), s.labels());
        return new SessionOptions(resumable, options.rules(), null, options.setupTimeout(),
                options.maxQueuedEvents(), options.maxQueuedEventBytes());
    }
}
