/**
 * Encryption at rest: {@link dev.nex7.platform.secret.SecretBox} seals secrets with AES-256-GCM
 * under a ring of master keys, and {@link dev.nex7.platform.secret.SecretRotation} replaces the
 * active key and re-encrypts every stored record. Modules that store secrets implement
 * {@link dev.nex7.platform.secret.SealedRecords} so that rotation reaches their rows.
 */
package dev.nex7.platform.secret;
