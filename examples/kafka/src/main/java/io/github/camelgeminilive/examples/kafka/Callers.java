package io.github.camelgeminilive.examples.kafka;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Callers in real time: every 100 ms one chunk of 16 kHz 16-bit mono PCM per call onto {@link VoiceRoutes#INPUT},
 * keyed by the call id. The audio is synthetic speech for an energy VAD: 1.5 s of a tone, then 4.5 s of silence, so
 * each call makes a turn every 6 s and hears the whole reply before it speaks again.
 */
public final class Callers implements AutoCloseable {

    public static final int SAMPLE_RATE = 16_000;
    public static final int CHUNK_MS = 100;
    public static final int CHUNK_SAMPLES = SAMPLE_RATE * CHUNK_MS / 1000;
    private static final int SPEECH_CHUNKS = 15;
    private static final int PATTERN_CHUNKS = 60;

    private final KafkaProducer<String, byte[]> producer;
    private final byte[] tone = tone();
    private final byte[] silence = new byte[CHUNK_SAMPLES * 2];

    public Callers(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /**
     * Plays {@code chunks} chunks of each call in real time (in step: chunk i of every call, then chunk i+1 100 ms
     * later); returns the samples sent per call.
     */
    public long play(List<String> calls, int chunks) throws InterruptedException, ExecutionException,
            TimeoutException {
        return play(calls, chunks, () -> true);
    }

    /**
     * Plays at least {@code chunks} chunks of each call in real time, then on until {@code mayEnd} says so (at most
     * ten times as many), so that a test can keep its calls running until what it waits for has happened; returns
     * the samples sent per call.
     */
    public long play(List<String> calls, int chunks, BooleanSupplier mayEnd) throws InterruptedException,
            ExecutionException, TimeoutException {
        long start = System.nanoTime();
        int i = 0;
        for (; i < chunks || (i < 10 * chunks && !mayEnd.getAsBoolean()); i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos((long) i * CHUNK_MS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the callers, not synchronising
            }
            byte[] chunk = i % PATTERN_CHUNKS < SPEECH_CHUNKS ? tone : silence;
            for (String call : calls) {
                producer.send(new ProducerRecord<>(VoiceRoutes.INPUT, call, chunk));
            }
        }
        producer.flush();
        return (long) i * CHUNK_SAMPLES;
    }

    /** Ends the calls: their sessions close and their handles are forgotten. */
    public void hangUp(List<String> calls) throws InterruptedException, ExecutionException, TimeoutException {
        for (String call : calls) {
            ProducerRecord<String, byte[]> end = new ProducerRecord<>(VoiceRoutes.INPUT, call, new byte[0]);
            end.headers().add(VoiceRoutes.CALL_END, new byte[] {1});
            producer.send(end).get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] tone() {
        byte[] pcm = new byte[CHUNK_SAMPLES * 2];
        for (int i = 0; i < CHUNK_SAMPLES; i++) {
            // 400 Hz fits 40 whole periods into a chunk, so chunks join without clicks
            short s = (short) (8000 * Math.sin(2 * Math.PI * 400 * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    @Override
    public void close() {
        producer.close();
    }
}
