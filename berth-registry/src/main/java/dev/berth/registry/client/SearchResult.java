package dev.berth.registry.client;

/** One repository a registry's search found, with Docker Hub's fields. */
public record SearchResult(String name, String description, int starCount, boolean official,
    boolean automated) {}
