package org.bgpmgmt.bfd;

import java.nio.file.Path;
import org.bgpmgmt.mgmt.Endpoint;

class TcpBfdTest extends BfdContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.parse("127.0.0.1:0");
    }
}
