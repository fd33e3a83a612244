package com.opstower.raindrop.local;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Starts the sample Query API and the embedded S3 store with the application in dev mode
 * ({@code ./mvnw quarkus:dev}), so that a local run works with no Raindrop account and no cloud storage, and stops
 * them with it; {@code raindrop.local.enabled=false} leaves them off. A bean of dev builds only, as Quarkus' own Dev
 * Services are: a packaged application is a production one and never starts them, whatever its configuration, and
 * tests bring their own stand-ins.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class LocalServices {

    private static final Logger LOG = Logger.getLogger(LocalServices.class);

    private final LocalConfig config;
    private SampleQueryApi queryApi;
    private EmbeddedS3 s3;

    LocalServices(LocalConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent startup) throws Exception {
        if (!config.enabled()) {
            return;
        }
        SampleWorkspace workspace = SampleWorkspace.generate(Instant.now());
        queryApi = new SampleQueryApi(workspace, config.sampleApiKey(), config.apiPort()).start();
        LOG.infof("Sample Raindrop Query API listening on %s (%d conversations, %d events)", queryApi.baseUri(),
                workspace.conversations().size(), workspace.events().size());
        s3 = new EmbeddedS3(config.s3Port(), config.s3AccessKey(), config.s3SecretKey(), config.bucket()).start();
        LOG.infof("Embedded S3 store listening on %s (bucket %s)", s3.endpoint(), s3.bucket());
    }

    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (queryApi != null) {
            queryApi.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
