package app.aula.it;

import java.nio.file.Path;
import java.util.Map;

/** The two containers every integration test runs against (README.md, definition of done 1). */
enum ContainerKind {
    JETTY {
        @Override
        Deployment deployInThisJvm(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
            return JettyDeployment.start(war, initParameters, workDir);
        }
    },
    TOMCAT {
        @Override
        Deployment deployInThisJvm(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
            return TomcatDeployment.start(war, initParameters, workDir);
        }
    };

    /**
     * Deploys the WAR at "/" with the configuration given as servlet context init-parameters,
     * in a container JVM of its own (see {@link ForkedDeployment} for why).
     */
    Deployment deploy(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
        return ForkedDeployment.start(this, war, initParameters, workDir);
    }

    /** Starts the container inside the calling JVM; used by {@link ContainerMain}. */
    abstract Deployment deployInThisJvm(Path war, Map<String, String> initParameters, Path workDir) throws Exception;
}
