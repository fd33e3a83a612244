package com.opstower.raindrop.tool;

import java.util.Map;

/**
 * A tool as every surface calls it (Funqy over HTTP or Lambda, MCP): the calling convention's request in, the
 * envelope out. Each implementation also carries {@code @Funq} on {@link #call}, named as its {@link ToolSpec}.
 */
public interface Tool {

    ToolResult call(Map<String, Object> request);
}
