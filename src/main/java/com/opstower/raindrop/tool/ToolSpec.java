package com.opstower.raindrop.tool;

import java.util.List;

/** A tool's name, what it is for, and the arguments it accepts. */
public record ToolSpec(String name, String description, List<Param> params) {

    public ToolSpec {
        params = List.copyOf(params);
    }

    public Param param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " declares no argument " + paramName));
    }
}
