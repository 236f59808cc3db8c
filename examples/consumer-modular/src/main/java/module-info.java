/** A user's application module: it needs nothing of bgpmgmt but its exported API. */
module com.example.modular {
    requires org.bgpmgmt.core;
}
