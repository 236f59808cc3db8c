package org.bgpmgmt.examples;

import java.nio.file.Path;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.TlsConfig;

/**
 * The TLS options of the {@code server} and {@code client} commands: mutual TLS on a TCP endpoint
 * when {@code --tls-key} is given (docs/tls.md). The store password comes from the environment
 * ({@code BGPMGMT_TLS_PASSWORD}), never from the command line, where {@code ps} would show it.
 */
final class TlsOptions {
    static final String PASSWORD_VARIABLE = "BGPMGMT_TLS_PASSWORD";

    private TlsOptions() {
    }

    /** Declares the options on {@code args}. */
    static Args declare(final Args args) {
        return args.option("--tls-key", "", "PKCS#12 key store: turns on mutual TLS (password in $"
                + PASSWORD_VARIABLE + ")")
            .option("--tls-trust", "", "PKCS#12 trust store of the CA the peer's certificate must lead to")
            .option("--tls-pin", "", "instead of --tls-trust: the peer certificate's SHA-256 fingerprint")
            .option("--tls-name", "", "client: the name expected in the server's certificate (default: the host)");
    }

    /** Adds TLS to {@code config} when {@code --tls-key} is set; returns {@code config}. */
    static BgpMgmtConfig apply(final Args args, final BgpMgmtConfig config) throws Args.UsageException {
        final String key = args.string("--tls-key");
        if (key.isEmpty()) {
            return config;
        }
        final String secret = System.getenv(PASSWORD_VARIABLE);
        final char[] password = (secret == null ? "" : secret).toCharArray();
        final TlsConfig tls = new TlsConfig().keyStore(Path.of(key), password);
        final String trust = args.string("--tls-trust");
        final String pin = args.string("--tls-pin");
        if (trust.isEmpty() == pin.isEmpty()) {
            throw new Args.UsageException(args.command() + ": --tls-key needs exactly one of --tls-trust, --tls-pin");
        }
        if (!trust.isEmpty()) {
            tls.trustStore(Path.of(trust), password);
        } else {
            tls.pinnedPeers(pin.split(","));
        }
        if (!args.string("--tls-name").isEmpty()) {
            tls.serverName(args.string("--tls-name"));
        }
        return config.tls(tls);
    }
}
