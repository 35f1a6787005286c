package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import org.jspecify.annotations.Nullable;

/**
 * Merges the types one field has in several subgraphs. Output positions take the most
 * general type (nullable over non-null, an interface or union over its implementations);
 * input positions (arguments, input fields) the most restrictive (non-null over
 * nullable). Anything else is incompatible.
 */
final class TypeCompatibility {

	/** Per named type the interfaces and unions it belongs to in any subgraph. */
	private final Map<String, Set<String>> supertypes;

	TypeCompatibility(Map<String, Set<String>> supertypes) {
		this.supertypes = supertypes;
	}

	@Nullable Type<?> mergeOutput(List<Type<?>> types) {
		Type<?> result = types.get(0);
		for (Type<?> type : types.subList(1, types.size())) {
			if (isSubtype(type, result, true)) {
				continue;
			}
			if (!isSubtype(result, type, true)) {
				return null;
			}
			result = type;
		}
		return result;
	}

	@Nullable Type<?> mergeInput(List<Type<?>> types) {
		Type<?> result = types.get(0);
		for (Type<?> type : types.subList(1, types.size())) {
			if (isSubtype(result, type, false)) {
				continue;
			}
			if (!isSubtype(type, result, false)) {
				return null;
			}
			result = type;
		}
		return result;
	}

	private boolean isSubtype(Type<?> sub, Type<?> sup, boolean covariantNames) {
		if (sup instanceof NonNullType supNonNull) {
			return sub instanceof NonNullType subNonNull
					&& isSubtype(subNonNull.getType(), supNonNull.getType(), covariantNames);
		}
		if (sub instanceof NonNullType subNonNull) {
			return isSubtype(subNonNull.getType(), sup, covariantNames);
		}
		if (sup instanceof ListType supList) {
			return sub instanceof ListType subList && isSubtype(subList.getType(), supList.getType(), covariantNames);
		}
		if (sub instanceof ListType || !(sub instanceof TypeName subName) || !(sup instanceof TypeName supName)) {
			return false;
		}
		return subName.getName().equals(supName.getName()) || (covariantNames
				&& this.supertypes.getOrDefault(subName.getName(), Set.of()).contains(supName.getName()));
	}

	static boolean sameShape(Type<?> a, Type<?> b) {
		Type<?> left = (a instanceof NonNullType n) ? n.getType() : a;
		Type<?> right = (b instanceof NonNullType n) ? n.getType() : b;
		if (left instanceof ListType l && right instanceof ListType r) {
			return sameShape(l.getType(), r.getType());
		}
		return left instanceof TypeName l && right instanceof TypeName r && l.getName().equals(r.getName());
	}

}
