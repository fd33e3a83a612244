package com.opstower.raindrop.queryapi;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The Raindrop Query API endpoints behind the tools. Answers are raw {@link Response}s: {@link RaindropClient}
 * reads status, headers and a bounded body itself. Path ids arrive percent-encoded ({@link PathSegment}).
 */
@RegisterRestClient(configKey = "raindrop")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
interface QueryApi {

    String PROJECT_HEADER = "X-Raindrop-Project-Id";

    @GET
    @Path("/conversations")
    Response listConversations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/conversations/{id}")
    Response getConversation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @Encoded @PathParam("id") String encodedId);

    @GET
    @Path("/events")
    Response listEvents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/events/{id}")
    Response getEvent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @Encoded @PathParam("id") String encodedId);

    @GET
    @Path("/traces")
    Response listTraces(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/signals")
    Response listSignals(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/signal-groups")
    Response listSignalGroups(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/signal-groups/{id}/signals")
    Response listGroupSignals(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @Encoded @PathParam("id") String encodedId,
            @RestQuery Map<String, String> query);

    @GET
    @Path("/events/search")
    Response searchEvents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/events/count")
    Response countEvents(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/events/timeseries")
    Response eventTimeseries(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/events/facets")
    Response eventFacets(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @RestQuery Map<String, String> query);

    @GET
    @Path("/users/{id}")
    Response getUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PROJECT_HEADER) String projectId, @Encoded @PathParam("id") String encodedId);
}
