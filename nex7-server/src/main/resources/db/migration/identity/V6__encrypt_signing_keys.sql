-- Private signing keys are sealed with the master key (AES-256-GCM, see SecretBox): key_id names
-- the master key, sealed_private_jwk holds nonce, ciphertext and tag. Rows written before this
-- migration keep their plain private_jwk until NEX7 seals them on its next start.
ALTER TABLE identity_signing_keys
  ADD COLUMN key_id             VARCHAR(32),
  ADD COLUMN sealed_private_jwk BYTEA,
  ALTER COLUMN private_jwk DROP NOT NULL;

ALTER TABLE identity_signing_keys ADD CONSTRAINT identity_signing_keys_sealed_check CHECK (
  (private_jwk IS NULL AND key_id IS NOT NULL AND sealed_private_jwk IS NOT NULL)
  OR (private_jwk IS NOT NULL AND key_id IS NULL AND sealed_private_jwk IS NULL));
