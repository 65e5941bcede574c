/**
 * {@code --format} as docker users write it: Go's text/template ({@link dev.berth.cli.format.Template})
 * with docker's functions, and docker's table/json/custom output rules
 * ({@link dev.berth.cli.format.Formatter}) over {@link dev.berth.cli.format.Row}s.
 *
 * <p>Data model: JSON objects and maps are Go maps (a missing key prints {@code <no value>}),
 * arrays and lists are slices ({@code [a b]}), integral numbers are ints, other numbers float64
 * (printed as Go prints them: {@code 1e+06}). Errors are {@link dev.berth.cli.format.TemplateException}
 * with Go's wording; commands print them and exit 1 as docker does.
 */
package dev.berth.cli.format;
