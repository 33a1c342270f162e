package dev.nex7.agent.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.AgentTools;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;

/**
 * What makes an agent definition acceptable, whichever its source: a definition file, a plugin or
 * an admin. One set of rules, so a custom agent cannot be something a built-in could not be.
 */
public final class DefinitionRules {

    public static final int MAX_NAME = 40;
    public static final int MAX_PERSONA = 200;
    public static final int MAX_PROMPT = 32_000;
    public static final int MAX_AVATAR = 16;
    public static final int MAX_MODELS = 8;
    public static final int MAX_MODEL = 100;

    /** 2 to 32 characters: lower-case letters, digits and single hyphens, starting with a letter. */
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9-]*:[A-Za-z0-9._:/@-]+");

    private DefinitionRules() {
    }

    public static boolean isSlug(String id) {
        return id != null && id.length() >= 2 && id.length() <= 32 && SLUG.matcher(id).matches();
    }

    /**
     * The definition with its text fields trimmed and its colour in lower case.
     *
     * @param knownAgent whether an id names an agent {@code handsOffTo} may refer to
     * @throws InvalidRequest listing every field that breaks a rule
     */
    public static AgentDefinition checked(AgentDefinition definition, Predicate<String> knownAgent) {
        List<FieldError> errors = new ArrayList<>();
        if (!isSlug(definition.id())) {
            errors.add(new FieldError("id", "must be 2 to 32 lower-case letters, digits and single hyphens, "
                    + "starting with a letter"));
        }
        String name = line(definition.name(), MAX_NAME, "name", errors);
        String persona = line(definition.persona(), MAX_PERSONA, "persona", errors);
        String avatar = line(definition.avatar(), MAX_AVATAR, "avatar", errors);
        String prompt = definition.systemPrompt() == null ? "" : definition.systemPrompt().strip();
        if (prompt.isEmpty() || prompt.length() > MAX_PROMPT) {
            errors.add(new FieldError("systemPrompt", "must be 1 to " + MAX_PROMPT + " characters"));
        }
        String color = definition.color();
        if (color == null || !COLOR.matcher(color).matches()) {
            errors.add(new FieldError("color", "must be a colour written #rrggbb"));
        }
        tools(definition.tools(), errors);
        models(definition.models(), errors);
        handsOffTo(definition, knownAgent, errors);
        source(definition.source(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new AgentDefinition(definition.id(), name, persona, prompt, definition.tools(), definition.models(),
                avatar, color.toLowerCase(Locale.ROOT), definition.source(), definition.handsOffTo());
    }

    private static String line(String value, int max, String field, List<FieldError> errors) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.length() > max || stripped.contains("\n") || stripped.contains("\r")) {
            errors.add(new FieldError(field, "must be one line of 1 to " + max + " characters"));
        }
        return stripped;
    }

    private static void tools(List<String> tools, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String tool = tools.get(i);
            if (!AgentTools.isKnown(tool)) {
                errors.add(new FieldError("tools[" + i + "]", "is not a known tool; known tools are "
                        + String.join(", ", AgentTools.NAMES)));
            } else if (!seen.add(tool)) {
                errors.add(new FieldError("tools[" + i + "]", "is listed twice"));
            }
        }
    }

    private static void models(List<String> models, List<FieldError> errors) {
        if (models.size() > MAX_MODELS) {
            errors.add(new FieldError("models", "must list at most " + MAX_MODELS + " models"));
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            if (model == null || model.length() > MAX_MODEL || !MODEL.matcher(model).matches()) {
                errors.add(new FieldError("models[" + i + "]", "must look like provider:model, such as "
                        + "anthropic:claude-sonnet-4-5, in at most " + MAX_MODEL + " characters"));
            }
        }
    }

    private static void handsOffTo(AgentDefinition definition, Predicate<String> knownAgent, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        List<String> targets = definition.handsOffTo();
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            if (target == null || target.equals(definition.id())) {
                errors.add(new FieldError("handsOffTo[" + i + "]", "must name another agent"));
            } else if (!knownAgent.test(target)) {
                errors.add(new FieldError("handsOffTo[" + i + "]", "is not a known agent"));
            } else if (!seen.add(target)) {
                errors.add(new FieldError("handsOffTo[" + i + "]", "is listed twice"));
            }
        }
    }

    private static void source(String source, List<FieldError> errors) {
        boolean valid = AgentDefinition.BUILTIN.equals(source) || AgentDefinition.CUSTOM.equals(source)
                || source != null && source.startsWith(AgentDefinition.PLUGIN_PREFIX)
                        && isSlug(source.substring(AgentDefinition.PLUGIN_PREFIX.length()));
        if (!valid) {
            errors.add(new FieldError("source", "must be builtin, custom or plugin:<plugin id>"));
        }
    }
}
