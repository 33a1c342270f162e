/**
 * The model gateway: every call NEX7 makes to a language model goes through
 * {@link dev.nex7.llm.ModelGateway}. It speaks Anthropic's Messages API, OpenAI's Chat Completions
 * and any OpenAI-compatible server (Ollama, vLLM, llama.cpp) behind one provider-neutral
 * conversation model ({@link dev.nex7.llm.ModelMessage}, {@link dev.nex7.llm.ContentBlock},
 * {@link dev.nex7.llm.ToolSpec}); streams; retries before the first token only; keeps a circuit
 * breaker per provider and falls back along the chain; meters tokens and cost per user, project and
 * agent; and enforces monthly budgets before a call. Failures are {@link dev.nex7.llm.ModelCallFailed}
 * with a stable code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "LLM gateway")
package dev.nex7.llm;
