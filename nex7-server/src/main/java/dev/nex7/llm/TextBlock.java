package dev.nex7.llm;

import java.util.Objects;

/** Text written by the user or the model. */
public record TextBlock(String text) implements ContentBlock {

    public TextBlock {
        Objects.requireNonNull(text, "text");
    }
}
