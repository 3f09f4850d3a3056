/**
 * kubectl's output, byte for byte. Human output is the server's {@code Table} laid out by a port of Go's
 * {@code text/tabwriter} ({@link io.tugboat.kubectl.printers.TabWriter},
 * {@link io.tugboat.kubectl.printers.TablePrinter}); {@code -o json} is Go's {@code json.MarshalIndent}
 * ({@link io.tugboat.kubectl.printers.GoJson}); {@code -o yaml} goes through a Go map, so keys are sorted, with
 * go-yaml's quoting ({@link io.tugboat.kubectl.printers.KubeYaml}); {@code jsonpath} and {@code custom-columns}
 * implement client-go's JSONPath subset ({@link io.tugboat.kubectl.printers.JsonPath}). OutputFormatsIT checks
 * every format against the real kubectl on the same objects.
 */
package io.tugboat.kubectl.printers;
