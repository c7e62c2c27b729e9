package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * catalog.md §5.4: the listener starts one watcher thread and stops it within 2 s in
 * contextDestroyed, so an undeploy leaves nothing of Aula running.
 */
class DeploymentLifecycleIT {

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void undeployEndsTheAulaThreadsTheDeploymentStarted(ContainerKind kind) throws Exception {
        Set<Thread> before = AulaThreads.alive();
        RunningAula app = RunningAula.start(kind, AulaSetup.create());
        Set<Thread> started;
        int healthStatus;
        try {
            healthStatus = app.get("/api/health").status();
            started = AulaThreads.alive();
            started.removeAll(before);
        } finally {
            app.stop(); // asserts that the threads started by this deployment have ended
        }
        assertEquals(200, healthStatus, "health while deployed");
        assertFalse(started.isEmpty(), "expected the catalogue watcher (a thread named with \"aula\") while deployed");
    }
}
