package dev.nex7.workflow.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.platform.InvalidRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes definitions as JSON (stored in the database and exchanged with the API) and as
 * workflow files (JSON or YAML) that can live in git.
 */
@Component
public class DefinitionCodec {

    /** The {@code format} member every workflow file starts with. */
    public static final String FILE_FORMAT = "nex7.workflow/v1";

    /**
     * A workflow as a file.
     *
     * @param format always {@value #FILE_FORMAT}
     */
    public record WorkflowFile(String format, String name, String description, WorkflowDefinition definition) {
    }

    private final JsonMapper json;
    private final JsonMapper canonical;
    private final YAMLMapper yaml;

    public DefinitionCodec(JsonMapper json) {
        this.json = json;
        this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        this.yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    public String toJson(Object value) {
        return json.writeValueAsString(value);
    }

    public WorkflowDefinition definition(String stored) {
        return json.readValue(stored, WorkflowDefinition.class);
    }

    public Object value(String stored) {
        return stored == null ? null : json.readValue(stored, Object.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String stored) {
        return stored == null ? null : json.readValue(stored, Map.class);
    }

    /** The SHA-256 of the definition's canonical JSON (map keys sorted): equal definitions, equal hashes. */
    public String hash(WorkflowDefinition definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.writeValueAsString(definition).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public String writeFile(WorkflowFile file, boolean asYaml) {
        return asYaml ? yaml.writeValueAsString(file) : canonical.writerWithDefaultPrettyPrinter().writeValueAsString(file);
    }

    /** Parses a workflow file; JSON or YAML (JSON is YAML, but JSON errors read better from the JSON parser). */
    public WorkflowFile readFile(String content, boolean asYaml) {
        WorkflowFile file;
        try {
            file = asYaml ? yaml.readValue(content, WorkflowFile.class) : json.readValue(content, WorkflowFile.class);
        } catch (JacksonException failure) {
            throw new InvalidRequest("file", "This is not a NEX7 workflow file: " + failure.getOriginalMessage());
        }
        if (file == null || !FILE_FORMAT.equals(file.format())) {
            throw new InvalidRequest("format", "A workflow file starts with \"format\": \"" + FILE_FORMAT + "\".");
        }
        if (file.definition() == null) {
            throw new InvalidRequest("definition", "The file has no definition.");
        }
        return file;
    }
}
