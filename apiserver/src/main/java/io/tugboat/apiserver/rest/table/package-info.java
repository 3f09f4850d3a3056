/**
 * Server-side printing: the {@code meta.k8s.io/v1} Table behind every {@code kubectl get}.
 *
 * <h2>Who decides the columns</h2>
 *
 * Since Kubernetes 1.11 kubectl does not know how to print a pod. It asks the server for a Table,
 *
 * <pre>
 * GET /api/v1/namespaces/default/pods?limit=500
 * Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json
 * </pre>
 *
 * and prints whatever columns come back: those of priority 0 always, priority 1 too with {@code -o wide}. A server
 * that answers with a plain list gets only NAME and AGE. So the columns, and the summaries in them (a pod's
 * STATUS, a node's ROLES, a service's PORT(S)), are the server's job, and users compare them with what they see on
 * real clusters. The printers here reproduce Kubernetes' {@code pkg/printers/internalversion/printers.go} for the
 * kinds Tugboat serves, as pure functions of (object, now), tested with tables of realistic objects.
 *
 * <h2>The parts</h2>
 * <ul>
 *   <li>{@link io.tugboat.apiserver.rest.table.TablePrinter}: the entry point, from a kind and its objects to a
 *       Table; picks the printer of the kind, or Kubernetes' default columns (Name, Created At).</li>
 *   <li>{@link io.tugboat.apiserver.rest.table.IncludeObject}: what rows carry besides cells. By default the
 *       object's metadata, which kubectl needs for the NAMESPACE column of {@code -A} and for
 *       {@code --show-labels}.</li>
 *   <li>{@link io.tugboat.apiserver.rest.table.HumanDuration}: the {@code 5m}, {@code 2d3h} of AGE columns.</li>
 *   <li>{@code PodPrinter}, {@code NodePrinter} and the printer groups {@code CorePrinters},
 *       {@code StoragePrinters}, {@code AppsPrinters}, {@code BatchPrinters}: one {@code RowPrinter} per kind.</li>
 * </ul>
 *
 * <p>The HTTP layer decides when to call the printer (content negotiation on the Accept header, watch events that
 * carry one-row Tables) and how to encode the result; this package knows nothing about HTTP.
 */
package io.tugboat.apiserver.rest.table;
