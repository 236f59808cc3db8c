package org.bgpmgmt.bfd;

import java.nio.file.Path;
import org.bgpmgmt.mgmt.Endpoint;

class UnixBfdTest extends BfdContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.unix(tempDir.resolve("bfd.sock"));
    }
}
