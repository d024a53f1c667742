package dev.sturdy.net.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation the roles use: the statically linked BoringSSL of netty-tcnative
 * when it loads on this platform and speaks TLS 1.3 (about 10x faster than the JDK's for big
 * messages), else the JDK's. The system property {@value #PROPERTY} = {@code auto} (default),
 * {@code openssl} (BoringSSL or fail) or {@code jdk} overrides the choice. The choice is made
 * once per process and logged in one line.
 */
public final class TlsProvider {
    public static final String PROPERTY = "sturdy.tls.provider";
    private static final System.Logger LOG = System.getLogger(TlsProvider.class.getName());
    private static SslProvider chosen;

    private TlsProvider() {
    }

    /** The provider of this process (chosen, and logged, on first use). */
    public static synchronized SslProvider chosen() {
        if (chosen == null) {
            String setting = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            chosen = forSetting(setting);
            LOG.log(System.Logger.Level.INFO, describe(chosen, setting));
        }
        return chosen;
    }

    /** Whether BoringSSL loaded here and offers TLS 1.3. */
    static boolean boringSslWorks() {
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL);
    }

    /** Why BoringSSL cannot be used here (only meaningful when {@link #boringSslWorks()} is false). */
    static String whyNotBoringSsl() {
        Throwable cause = OpenSsl.unavailabilityCause();
        if (cause == null) {
            return "it does not offer TLS 1.3";
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The provider for a value of {@value #PROPERTY} (trimmed, lower case). */
    static SslProvider forSetting(String setting) {
        switch (setting) {
            case "auto":
                return boringSslWorks() ? SslProvider.OPENSSL : SslProvider.JDK;
            case "openssl":
                if (!boringSslWorks()) {
                    throw new IllegalStateException(PROPERTY + "=openssl, but BoringSSL cannot be used here: "
                            + whyNotBoringSsl());
                }
                return SslProvider.OPENSSL;
            case "jdk":
                return SslProvider.JDK;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, openssl or jdk, not '" + setting + "'");
        }
    }

    /** The one line that says which provider runs (and, for the JDK in auto mode, why). */
    static String describe(SslProvider provider, String setting) {
        if (provider == SslProvider.OPENSSL) {
            return "TLS between roles: BoringSSL (" + OpenSsl.versionString() + ", netty-tcnative)";
        }
        return "TLS between roles: JDK provider (" + ("auto".equals(setting)
                ? "BoringSSL unavailable: " + whyNotBoringSsl() : PROPERTY + "=" + setting) + ")";
    }
}
