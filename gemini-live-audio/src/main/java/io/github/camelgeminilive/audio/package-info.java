/**
 * Pure-Java telephony audio, no dependencies: G.711 mu-law and A-law ({@link io.github.camelgeminilive.audio.G711}),
 * band-limited resampling ({@link io.github.camelgeminilive.audio.Resampler}), a per-stream converter between
 * {@link io.github.camelgeminilive.audio.AudioFormat}s ({@link io.github.camelgeminilive.audio.AudioConverter}) and
 * WAV files (read: PCM 8/16/24-bit, mono or stereo, G.711; write: 16-bit PCM or G.711). The Live API's PCM MIME
 * types are also in {@code protocol.MimeTypes}.
 */
package io.github.camelgeminilive.audio;
