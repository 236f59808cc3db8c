package org.bgpmgmt.mgmt;

import java.nio.file.Path;

class UnixContextTest extends ContextContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.unix(tempDir.resolve("bgpmgmt.sock"));
    }
}
