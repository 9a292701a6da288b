/** Pure-Java audio helpers: PCM MIME types ({@code audio/pcm;rate=N}) and WAV files of 16-bit mono PCM. */
package io.github.camelgeminilive.audio;
