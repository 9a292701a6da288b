/**
 * Pure-Java audio helpers: WAV files of 16-bit mono PCM (read and write). PCM MIME types are
 * {@code protocol.MimeTypes}.
 */
package io.github.camelgeminilive.audio;
