package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.SignalCount;
import com.opstower.raindrop.local.SampleModel.SignalScore;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleWorkspaceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final SampleWorkspace workspace = SampleWorkspace.generate(NOW);

    @Test
    void sameNowGivesTheSameWorkspace() {
        SampleWorkspace again = SampleWorkspace.generate(NOW);
        assertEquals(workspace.conversations(), again.conversations());
        assertEquals(workspace.events(), again.events());
        assertEquals(workspace.trace(SampleWorkspace.LARGE_TRACE_EVENT_ID), again.trace(SampleWorkspace.LARGE_TRACE_EVENT_ID));
    }

    @Test
    void holdsEnoughConversationsUsersAndEvents() {
        assertTrue(workspace.conversations().size() >= 24, "conversations: " + workspace.conversations().size());
        assertTrue(workspace.events().size() >= 220, "events: " + workspace.events().size());
        long users = workspace.conversations().stream().map(Conversation::userId).filter(Objects::nonNull).distinct().count();
        assertTrue(users >= 6, "users: " + users);
        assertTrue(workspace.conversations().stream().anyMatch(c -> c.userId() == null), "an anonymous conversation");
        assertTrue(workspace.events().stream().anyMatch(e -> e.convoId() == null && e.userInput() == null), "a background event");
        assertTrue(workspace.events().stream().anyMatch(e -> e.assistantOutput().contains("`")), "markdown with backticks");
        assertTrue(workspace.events().stream().anyMatch(e -> e.userInput() != null && !e.userInput().chars().allMatch(c -> c < 128)), "non-ASCII input");
        assertTrue(workspace.events().stream().map(Event::model).distinct().count() >= 3, "several models");
    }

    @Test
    void everythingLiesInTheTenDaysBeforeNow() {
        for (Event event : workspace.events()) {
            assertTrue(event.timestamp().isBefore(NOW) && event.timestamp().isAfter(NOW.minus(Duration.ofDays(10))), event.id());
        }
        for (Conversation conversation : workspace.conversations()) {
            assertFalse(conversation.startedAt().isAfter(conversation.lastMessageAt()), conversation.id());
        }
    }

    @Test
    void conversationsCountTheirEventsAndSignals() {
        Map<String, Conversation> byId = workspace.conversations().stream().collect(Collectors.toMap(Conversation::id, Function.identity()));
        Map<String, Long> eventsPerConversation = workspace.events().stream().filter(e -> e.convoId() != null)
                .collect(Collectors.groupingBy(Event::convoId, Collectors.counting()));
        assertEquals(byId.keySet(), eventsPerConversation.keySet());
        eventsPerConversation.forEach((id, count) -> assertEquals(count.intValue(), byId.get(id).messageCount(), id));
        for (Conversation conversation : byId.values()) {
            Map<String, Long> expected = workspace.events().stream().filter(e -> conversation.id().equals(e.convoId()))
                    .flatMap(e -> e.signals().stream()).collect(Collectors.groupingBy(SignalScore::id, Collectors.counting()));
            Map<String, Long> actual = conversation.signals().stream().collect(Collectors.toMap(SignalCount::id, c -> (long) c.count()));
            assertEquals(expected, actual, conversation.id());
        }
    }

    @Test
    void failedToolCallsShowOnTheEvent() {
        Event event = workspace.event(SampleWorkspace.ERROR_TRACE_EVENT_ID).orElseThrow();
        assertEquals(2, event.errorSpans().size());
        assertTrue(event.toolCalls().stream().anyMatch(call -> call.status().equals("ERROR")));
        assertTrue(event.hasSignal(SampleSignal.TOOL_FAILURE.id()));
    }

    @Test
    void childSpansLieWithinTheirParents() {
        for (Event event : workspace.events()) {
            Map<String, Span> byId = workspace.trace(event.id()).stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
            for (Span span : byId.values()) {
                Span parent = span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
                if (parent != null) {
                    assertTrue(parent.startTimeNs() <= span.startTimeNs() && span.endTimeNs() <= parent.endTimeNs(), span.spanId());
                }
            }
        }
    }
}
