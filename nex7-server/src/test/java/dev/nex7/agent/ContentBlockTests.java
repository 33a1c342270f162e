package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Content blocks travel in the model gateway's shape, and only that. */
class ContentBlockTests {

    private static final TypeReference<List<ContentBlock>> BLOCKS = new TypeReference<>() {
    };
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void blocksAreWrittenWithTheirTypeAndTheirFieldsOnly() {
        List<ContentBlock> blocks = List.of(new ContentBlock.Text("Reading it."),
                new ContentBlock.ToolUse("toolu_1", "repo.read", Map.of("path", "package.json")),
                new ContentBlock.ToolResult("toolu_1", "{\"name\":\"shop\"}", false));

        String written = json.writerFor(BLOCKS).writeValueAsString(blocks);

        assertThat(written).isEqualTo("[{\"type\":\"text\",\"text\":\"Reading it.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"repo.read\",\"input\":{\"path\":\"package.json\"}},"
                + "{\"type\":\"tool_result\",\"toolUseId\":\"toolu_1\",\"content\":\"{\\\"name\\\":\\\"shop\\\"}\","
                + "\"error\":false}]");
        assertThat(json.readValue(written, BLOCKS)).isEqualTo(blocks);
    }

    @Test
    void thePlainTextOfABlockIsWhatSearchAndExportRead() {
        assertThat(new ContentBlock.Text("Hi").plainText()).isEqualTo("Hi");
        assertThat(new ContentBlock.ToolUse("t", "workflows.run", Map.of()).plainText()).isEqualTo("workflows.run");
        assertThat(new ContentBlock.ToolResult("t", "3 runs failed", true).plainText()).isEqualTo("3 runs failed");
    }
}
