-- A project's own model settings, set by its owner: the provider order (NULL: the instance's chain),
-- a model per provider (NULL: the provider's default), a vault credential per provider whose API key
-- replaces the instance's for this project's calls, and a monthly budget (NULL: the instance default).
CREATE TABLE llm_project_settings
(
  project_id               UUID PRIMARY KEY,
  chain                    VARCHAR(100),
  anthropic_model          VARCHAR(200),
  openai_model             VARCHAR(200),
  compatible_model         VARCHAR(200),
  anthropic_credential_id  UUID,
  openai_credential_id     UUID,
  compatible_credential_id UUID,
  monthly_budget_usd       NUMERIC(14, 2),
  updated_by               UUID NOT NULL,
  updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A user's monthly budget as an administrator set it (instead of nex7.llm.budgets.user-monthly-usd).
CREATE TABLE llm_user_budgets
(
  user_id            UUID PRIMARY KEY,
  monthly_budget_usd NUMERIC(14, 2) NOT NULL,
  updated_by         UUID NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
