package dev.berth.cli.registry;

/** Where a registry's credentials are kept: config.json itself or a credential helper. */
sealed interface CredentialStore permits FileStore, HelperStore {
  /** The stored credentials, or {@link Credentials#none} when there are none. */
  Credentials get(String server);

  void store(Credentials c);

  void erase(String server);

  /** Whether the secret is written in plain text into config.json (docker warns then). */
  boolean plainText();
}
