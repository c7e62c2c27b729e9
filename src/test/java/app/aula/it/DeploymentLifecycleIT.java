package app.aula.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * catalog.md §5.4: the listener starts one watcher thread and stops it within 2 s in
 * contextDestroyed, so an undeploy leaves nothing of Aula running. (Every other test class
 * checks the same on its own undeploy, through {@link RunningAula#stop()}.)
 */
class DeploymentLifecycleIT {

    @ParameterizedTest
    @EnumSource(ContainerKind.class)
    void undeployEndsTheAulaThreadsTheDeploymentStarted(ContainerKind kind) throws Exception {
        RunningAula app = RunningAula.start(kind, AulaSetup.create());
        List<String> started;
        int healthStatus;
        try {
            healthStatus = app.get("/api/health").status();
            started = app.aulaThreads();
        } finally {
            app.stop(); // asserts that the threads started by this deployment have ended
        }
        assertEquals(200, healthStatus, "health while deployed");
        assertFalse(started.isEmpty(), "expected the catalogue watcher (a thread named with \"aula\") while deployed");
    }
}
