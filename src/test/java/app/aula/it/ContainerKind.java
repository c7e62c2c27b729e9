package app.aula.it;

import java.nio.file.Path;
import java.util.Map;

/** The two containers every integration test runs against (README.md, definition of done 1). */
enum ContainerKind {
    JETTY {
        @Override
        Deployment deploy(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
            return JettyDeployment.start(war, initParameters, workDir);
        }
    },
    TOMCAT {
        @Override
        Deployment deploy(Path war, Map<String, String> initParameters, Path workDir) throws Exception {
            return TomcatDeployment.start(war, initParameters, workDir);
        }
    };

    /** Deploys the WAR at "/" with the configuration given as servlet context init-parameters. */
    abstract Deployment deploy(Path war, Map<String, String> initParameters, Path workDir) throws Exception;
}
