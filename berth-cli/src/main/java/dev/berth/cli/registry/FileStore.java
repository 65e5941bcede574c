package dev.berth.cli.registry;

/** Credentials in config.json's {@code auths}, base64 "user:password" as docker writes them. */
record FileStore(DockerConfig config) implements CredentialStore {
  @Override
  public Credentials get(String server) {
    return config.fileEntry(server);
  }

  @Override
  public void store(Credentials c) {
    config.putFileEntry(c, true);
    config.save();
  }

  @Override
  public void erase(String server) {
    // like docker: nothing to forget, nothing written
    if (config.removeFileEntry(server)) {
      config.save();
    }
  }

  @Override
  public boolean plainText() {
    return true;
  }
}
