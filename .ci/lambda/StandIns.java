import com.opstower.raindrop.local.EmbeddedS3;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a function reaches on this machine instead of the deployment's services: the Query API stand-in (the sample
 * workspace) and the embedded S3 store, with the bucket and credentials serverless.yml gives the functions that store
 * files. {@link #overrides} puts their endpoints and this check's keys in place of the deployment's.
 */
final class StandIns implements AutoCloseable {

    /** The key the functions are configured with ({@code RAINDROP_API_KEY}). */
    static final String CONFIGURED_KEY = "rk_lambda_check_configured_5b1d";
    /** The key requests carry as {@code connection.api_key}. */
    static final String REQUEST_KEY = "rk_lambda_check_request_93c7";
    static final String PROJECT = "checkout-bot";

    final QueryApiStandIn queryApi;
    final EmbeddedS3 store;
    final Map<String, LambdaFunctions.Function> functions;

    StandIns(Map<String, LambdaFunctions.Function> functions) throws Exception {
        this.functions = functions;
        this.queryApi = new QueryApiStandIn(Set.of(CONFIGURED_KEY, REQUEST_KEY));
        String bucket = null;
        for (LambdaFunctions.Function function : functions.values()) {
            bucket = function.environment().getOrDefault("TRACE_FILES_BUCKET", bucket);
        }
        this.store = new EmbeddedS3(0, storeAccessKey(), storeSecretKey(), bucket).start();
    }

    /** The deployment's endpoints and keys replaced by this machine's stand-ins; the rest as serverless.yml has it. */
    Map<String, String> overrides(LambdaFunctions.Function function) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("RAINDROP_API_URL", queryApi.baseUri().toString());
        overrides.put("RAINDROP_API_KEY", CONFIGURED_KEY);
        overrides.put("RAINDROP_PROJECT_ID", PROJECT);
        if (function.environment().containsKey("QUARKUS_S3_ENDPOINT_OVERRIDE")) {
            overrides.put("QUARKUS_S3_ENDPOINT_OVERRIDE", store.endpoint().toString());
        }
        return overrides;
    }

    String storeAccessKey() {
        return storeSetting("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID");
    }

    String storeSecretKey() {
        return storeSetting("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY");
    }

    private String storeSetting(String name) {
        for (LambdaFunctions.Function function : functions.values()) {
            if (function.environment().containsKey(name)) {
                return function.environment().get(name);
            }
        }
        throw new IllegalStateException("no function in serverless.yml sets " + name);
    }

    @Override
    public void close() throws Exception {
        queryApi.close();
        store.close();
    }
}
