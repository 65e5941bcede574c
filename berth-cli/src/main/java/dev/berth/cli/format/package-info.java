/**
 * {@code --format} as docker users write it: Go's text/template ({@link dev.berth.cli.format.Template})
 * with docker's functions, and docker's table/json/custom output rules
 * ({@link dev.berth.cli.format.Formatter}) over {@link dev.berth.cli.format.Row}s.
 *
 * <p>Use: {@code Formatter.of(userFormat, "table {{.ID}}\t{{.Image}}").titles(titles).write(out, rows)}
 * for lists; {@code Template.parse(t).missingKeyError().execute(json)} for inspect (docker's
 * inspect templates fail on absent keys); {@code Formatter.check(sampleRow)} to fail on a bad
 * field before listing (ps). Errors are {@link dev.berth.cli.format.TemplateException} with
 * Go's wording; list commands print them as "template parsing error: ..." and exit 1, a
 * template that does not parse exits 64 in inspect, version and info, as docker does.
 *
 * <p>Data model: JSON objects and maps are Go maps (a missing key prints {@code <no value>}),
 * arrays and lists are slices ({@code [a b]}), integral numbers are ints, other numbers float64
 * (printed as Go prints them: {@code 1e+06}). {@link dev.berth.cli.format.JsonRow} is a typed
 * view of an API object (unknown fields fail like a Go struct's); {@link dev.berth.cli.format.GoStruct}
 * keeps its field order in {@code {{json .}}}. What Go prints for a whole struct
 * ({@code {{.RootFS}}} as {@code {layers [...]}}) is printed as a map instead.
 *
 * <p>The engine is checked against Go itself: GoTemplateOracleTest runs ~100 templates through
 * the docker CLI's Go and through this package on the same image.
 */
package dev.berth.cli.format;
