/**
 * bgpmgmt-micrometer: a Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder} for
 * bgpmgmt loops and contexts ({@link org.bgpmgmt.micrometer.BgpMgmtMetrics}).
 */
module org.bgpmgmt.micrometer {
    requires transitive org.bgpmgmt.core;
    requires transitive micrometer.core;

    exports org.bgpmgmt.micrometer;
}
