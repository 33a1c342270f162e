package dev.nex7.workflow.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate made for one test run with the JDK's own {@code keytool}, in a
 * PKCS#12 key store (password {@value #PASSWORD}) that a test server can load, and a TLS client
 * that trusts exactly this certificate.
 */
final class TestCertificate {

    static final String PASSWORD = "changeit";

    private final Path keyStore;

    private TestCertificate(Path keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * Makes a key pair and a certificate for {@code subjectAlternativeNames}, in keytool's syntax
     * ({@code IP:127.0.0.1}, {@code DNS:mail.example}).
     */
    static TestCertificate create(String subjectAlternativeNames) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nex7-cert-");
        Path keyStore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=NEX7 test server", "-ext",
                "SAN=" + subjectAlternativeNames, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        keyStore.toFile().deleteOnExit();
        return new TestCertificate(keyStore);
    }

    Path keyStore() {
        return keyStore;
    }

    /** A TLS client that trusts this certificate and nothing else. */
    SSLSocketFactory trustingClient() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("server");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
