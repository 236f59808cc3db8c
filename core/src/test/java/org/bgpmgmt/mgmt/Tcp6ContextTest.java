package org.bgpmgmt.mgmt;

import java.nio.file.Path;

class Tcp6ContextTest extends ContextContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.parse("[::1]:0");
    }
}
