package org.bgpmgmt.mgmt;

import java.nio.file.Path;

class TcpContextTest extends ContextContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.parse("127.0.0.1:0");
    }
}
