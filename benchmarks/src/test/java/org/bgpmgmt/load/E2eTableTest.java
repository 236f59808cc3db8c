package org.bgpmgmt.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2eTableTest {
    private static final E2eTable.Scenario FAN_IN = E2eTable.Scenario.parse("fan-in").get(0);

    private static E2eTable.Sample sample(final double perSecond, final double cpuNanos) {
        return new E2eTable.Sample(new EchoLoad.Result((long) perSecond, 1.0, 1_000, 2_000, 3_000, 4_000, 0), cpuNanos,
            0.0);
    }

    @Test
    void shouldReportMediansAndRatiosPairedByRound() {
        // Round 2 is slow for both (a busy machine): paired ratios stay 0.5 and 2.0 every round.
        final Map<String, Map<String, E2eTable.Sample[]>> samples = new LinkedHashMap<>();
        samples.put(E2eRunner.RAW, Map.of(FAN_IN.name(), new E2eTable.Sample[] {
            sample(1_000_000, 500), sample(100_000, 5_000), sample(900_000, 550)}));
        samples.put(E2eRunner.OURS, Map.of(FAN_IN.name(), new E2eTable.Sample[] {
            sample(500_000, 1_000), sample(50_000, 10_000), sample(450_000, 1_100)}));
        final String table = new E2eTable(List.of(E2eRunner.RAW, E2eRunner.OURS), List.of(FAN_IN), 3, samples)
            .render("conditions");
        assertTrue(table.startsWith("conditions\n\n| scenario | server | msg/s | server CPU ns/msg |"), table);
        assertTrue(table.contains("| fan-in 16 × 16 | raw NIO (floor) | 900000 | 550 | 1.00 | 1.00 |"), table);
        assertTrue(table.contains("| fan-in 16 × 16 | bgpmgmt | 450000 | 1100 | 0.50 | 2.00 |"), table);
        assertTrue(table.contains("| fan-in 16 × 16 | bgpmgmt | 0.50 | 2.00 |"), table);
    }

    @Test
    void shouldLeaveAMissingServerOrRoundAsADash() {
        final Map<String, Map<String, E2eTable.Sample[]>> samples = new LinkedHashMap<>();
        samples.put(E2eRunner.OURS, Map.of(FAN_IN.name(), new E2eTable.Sample[] {sample(500_000, 1_000), null}));
        final String table = new E2eTable(List.of(E2eRunner.RAW, E2eRunner.OURS), List.of(FAN_IN), 2, samples)
            .render("c");
        assertTrue(table.contains("| fan-in 16 × 16 | raw NIO (floor) | – | – | – | – |"), table);
        assertTrue(table.contains("| fan-in 16 × 16 | bgpmgmt | 500000 | 1000 | – | – |"), table);
    }
}
