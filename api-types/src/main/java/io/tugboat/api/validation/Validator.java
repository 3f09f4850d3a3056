package io.tugboat.api.validation;

import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.StatusCause;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of validation: every rule Kubernetes applies to an object of a kind Tugboat serves, with
 * Kubernetes' field paths, reasons and messages, so that a 422 from Tugboat reads exactly like one from a real
 * API server.
 *
 * <pre>{@code
 * List<StatusCause> causes = Validator.validate(Defaulter.apply(pod));
 * if (!causes.isEmpty()) {
 *     throw new InvalidException(Validator.message(pod, causes), causes);   // 422 Invalid
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>Input is a <em>defaulted</em> object ({@link io.tugboat.api.defaulting.Defaulter}), as in Kubernetes:
 *       fields the defaulter always fills are reported as {@code Required value} when absent.</li>
 *   <li>The result lists every problem, in Kubernetes' order (maps are visited sorted by key); empty means valid.
 *       Invalid input never throws. Asking for a type no validator is registered for is a programming error and
 *       throws {@link IllegalArgumentException}.</li>
 *   <li>Validation is pure: no I/O, no clock, no other objects. Rules that need the rest of the cluster (a node
 *       port already taken, a namespace that does not exist) belong to the API server.</li>
 * </ul>
 */
public final class Validator {

    private static final Map<Class<?>, KindValidator<?>> VALIDATORS = new LinkedHashMap<>();

    static {
        register(new PodValidator());
        register(new ServiceValidator());
        register(new ConfigMapValidator());
        register(new SecretValidator());
        register(new NamespaceValidator());
        register(new NodeValidator());
        register(new EndpointsValidator());
        register(new EndpointSliceValidator());
        register(new EventValidator());
        register(new PersistentVolumeValidator());
        register(new PersistentVolumeClaimValidator());
        register(new DeploymentValidator());
        register(new ReplicaSetValidator());
        register(new StatefulSetValidator());
        register(new DaemonSetValidator());
        register(new SmallKindValidators.ControllerRevisionValidator());
        register(new JobValidator());
        register(new CronJobValidator());
        register(new LeaseValidator());
        register(new StorageClassValidator());
        register(new SmallKindValidators.BindingValidator());
        register(new SmallKindValidators.ScaleValidator());
    }

    private Validator() {
    }

    private static void register(KindValidator<?> validator) {
        VALIDATORS.put(validator.type(), validator);
    }

    /** The problems of an object about to be created; empty when it is valid. */
    public static List<StatusCause> validate(KubernetesObject object) {
        return causes(errors(object));
    }

    /**
     * The problems of replacing {@code oldObject} by {@code newObject}: everything {@link #validate} checks, plus
     * Kubernetes' immutability rules (a workload's selector, a Job's template, nearly all of a Pod's spec...).
     * The new object must carry the resourceVersion it was based on.
     *
     * @throws IllegalArgumentException if the two objects are not of the same kind
     */
    public static List<StatusCause> validateUpdate(KubernetesObject newObject, KubernetesObject oldObject) {
        return causes(updateErrors(newObject, oldObject));
    }

    /** The same problems as {@link #validate}, as {@link FieldError}s. */
    public static List<FieldError> errors(KubernetesObject object) {
        return validatorFor(object).validate(object);
    }

    /** The same problems as {@link #validateUpdate}, as {@link FieldError}s. */
    public static List<FieldError> updateErrors(KubernetesObject newObject, KubernetesObject oldObject) {
        if (newObject.getClass() != oldObject.getClass()) {
            throw new IllegalArgumentException("cannot update a " + oldObject.getClass().getSimpleName()
                    + " to a " + newObject.getClass().getSimpleName());
        }
        return validatorFor(newObject).validateUpdate(newObject, oldObject);
    }

    /**
     * The {@code message} of the 422 {@code Status}, as Kubernetes builds it: {@code <Kind>[.<group>] "<name>" is
     * invalid: <causes>}, each cause as {@code field: message}. A single cause stands alone; several are bracketed
     * and comma-separated; repeated causes appear once.
     *
     * <pre>
     * Pod "web" is invalid: spec.containers[0].image: Required value
     * Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: ...]
     * </pre>
     *
     * @param qualifiedKind the kind qualified by its API group as Kubernetes prints a GroupKind:
     *                      {@code Pod}, {@code Deployment.apps}, {@code Lease.coordination.k8s.io}
     * @param name          the object's name
     */
    public static String message(String qualifiedKind, String name, List<StatusCause> causes) {
        String head = qualifiedKind + " " + GoFormat.quote(name == null ? "" : name) + " is invalid";
        Set<String> unique = new LinkedHashSet<>();
        for (StatusCause cause : causes) {
            unique.add((cause.field() == null ? "" : cause.field()) + ": " + cause.message());
        }
        if (unique.isEmpty()) {
            return head;
        }
        if (unique.size() == 1) {
            return head + ": " + unique.iterator().next();
        }
        return head + ": [" + String.join(", ", unique) + "]";
    }

    /** {@link #message(String, String, List)} with the kind and name taken from the object. */
    public static String message(KubernetesObject object, List<StatusCause> causes) {
        String name = object.metadata() == null ? null : object.metadata().name();
        return message(qualifiedKind(object), name, causes);
    }

    /** {@code Kind.group} from the object's apiVersion and kind ({@code Deployment.apps}, or just {@code Pod}). */
    public static String qualifiedKind(KubernetesObject object) {
        String apiVersion = object.apiVersion() == null ? "" : object.apiVersion();
        int slash = apiVersion.indexOf('/');
        String kind = object.kind() == null ? object.getClass().getSimpleName() : object.kind();
        return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
    }

    private static List<StatusCause> causes(List<FieldError> errors) {
        return errors.stream().map(FieldError::toStatusCause).toList();
    }

    @SuppressWarnings("unchecked")
    private static KindValidator<KubernetesObject> validatorFor(KubernetesObject object) {
        KindValidator<?> validator = VALIDATORS.get(object.getClass());
        if (validator == null) {
            throw new IllegalArgumentException("no validation rules for " + object.getClass().getName());
        }
        return (KindValidator<KubernetesObject>) validator;
    }
}
