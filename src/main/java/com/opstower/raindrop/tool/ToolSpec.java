package com.opstower.raindrop.tool;

import java.util.List;

/** A tool's name, what it is for, the arguments it accepts, and how calling it affects the world. */
public record ToolSpec(String name, String description, List<Param> params, Hints hints) {

    /**
     * What a client may assume about a call, in the terms of MCP's tool annotations: whether it changes anything,
     * whether it may destroy something, whether repeating it changes anything more, and whether it reaches a system
     * beyond this connection (Raindrop).
     */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

        /** A read of the Raindrop workspace: changes nothing, safe to repeat. */
        public static final Hints READ = new Hints(true, false, true, true);
    }

    public ToolSpec {
        params = List.copyOf(params);
    }

    /** A read of the Raindrop workspace. */
    public ToolSpec(String name, String description, List<Param> params) {
        this(name, description, params, Hints.READ);
    }

    public Param param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " declares no argument " + paramName));
    }
}
