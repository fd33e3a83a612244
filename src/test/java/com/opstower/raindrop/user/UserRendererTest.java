package com.opstower.raindrop.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.queryapi.Wire.User;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for a user, pinned whole. */
class UserRendererTest {

    private static User user() throws Exception {
        return new ObjectMapper().readValue(Snapshots.resource("wiremock/__files/user-get.json"), new TypeReference<Single<User>>() {
        }).data();
    }

    @Test
    void showsTheUserWithTraitsAsJson() throws Exception {
        Snapshots.assertMatches("user/single.md", UserRenderer.single(user(), 4000).text());
    }

    @Test
    void cutsLongTraitsAndSaysHowMuch() throws Exception {
        ToolResult result = UserRenderer.single(user(), 30);
        Snapshots.assertMatches("user/single-traits-cut.md", result.text());
        assertEquals(true, result.data().get("traits_cut"));
    }

    @Test
    void aUserWithoutTraits() {
        Snapshots.assertMatches("user/no-traits.md", UserRenderer.single(new User("user_9", null, null, null, null), 4000).text());
    }
}
