package app.aula.it;

import java.util.List;

/** One running servlet container with the Aula WAR deployed at the root context. */
interface Deployment {

    /** The port the loopback connector was bound to (the tests ask for an ephemeral one). */
    int port();

    /** Names of the threads with "aula" in their name that the deployment started. */
    List<String> aulaThreads();

    /**
     * Names of the threads with "aula" in their name that are alive right now, whoever started
     * them and when (also threads started lazily by requests). The default looks at this JVM.
     */
    default List<String> liveAulaThreads() {
        return AulaThreads.alive().stream().map(Thread::getName).sorted().toList();
    }

    /**
     * Stops the container and waits for the threads the application started to end.
     *
     * @return the names of threads with "aula" in their name that were started while this
     *         deployment was running and are still alive after the grace period
     */
    List<String> undeploy() throws Exception;
}
