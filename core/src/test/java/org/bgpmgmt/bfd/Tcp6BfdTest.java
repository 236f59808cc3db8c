package org.bgpmgmt.bfd;

import java.nio.file.Path;
import org.bgpmgmt.mgmt.Endpoint;

class Tcp6BfdTest extends BfdContractTest {
    @Override
    Endpoint endpoint(final Path tempDir) {
        return Endpoint.parse("[::1]:0");
    }
}
