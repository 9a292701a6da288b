package io.github.camelgeminilive.emulator.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code CN=localhost} with SANs {@code DNS:localhost} and {@code IP:127.0.0.1},
 * made at startup by the JDK's own {@code keytool} (no extra crypto library needed).
 */
public final class SelfSignedCertificate {

    private static final String ALIAS = "gemini-live-emulator";

    private static SelfSignedCertificate shared;

    private final KeyStore keyStore;
    private final char[] password;

    private SelfSignedCertificate(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * The certificate of this JVM, generated on first use: every emulator in one process presents the same one, so
     * starting several costs one key generation.
     */
    public static synchronized SelfSignedCertificate localhost() throws IOException, GeneralSecurityException {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    /** Generates a fresh key pair and certificate (runs keytool: about a second). */
    public static SelfSignedCertificate generate() throws IOException, GeneralSecurityException {
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        Path dir = Files.createTempDirectory("gemini-live-emulator-tls");
        Path file = dir.resolve("key.p12");
        try {
            runKeytool(file, new String(password));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, password);
            }
            return new SelfSignedCertificate(ks, password);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** A server TLS context presenting the certificate. */
    public SSLContext sslContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** Writes a PKCS12 trust store holding just the certificate, for clients to trust it. */
    public void writeTrustStore(Path file, char[] storePassword) throws IOException, GeneralSecurityException {
        Certificate cert = keyStore.getCertificate(ALIAS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, cert);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, storePassword);
        }
    }

    private static void runKeytool(Path keyStoreFile, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        List<String> command = List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStoreFile.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-keypass", password, "-noprompt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not generate the emulator's certificate: "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while generating the emulator's certificate", e);
        } finally {
            process.destroy();
        }
    }
}
