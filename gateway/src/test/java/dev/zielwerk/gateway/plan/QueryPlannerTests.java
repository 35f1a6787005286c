package dev.zielwerk.gateway.plan;

import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.fixture.Plans;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryPlannerTests {

	@Test
	void fieldsOfOneSubgraphNeedOneFetch() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, "{ me { id name username } }")).hasToString("""
				QueryPlan {
				  Fetch(service: "accounts") {
				    {
				      me {
				        id
				        name
				        username
				      }
				    }
				  },
				}""");
	}

	@Test
	void requiredFieldsAreFetchedBeforeTheFieldThatRequiresThem() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, "{ topProducts { name shippingEstimate inStock } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "products") {
					      {
					        topProducts {
					          name
					          __typename
					          upc
					          price
					          weight
					        }
					      }
					    },
					    Flatten(path: "topProducts.@") {
					      Fetch(service: "inventory") {
					        {
					          ... on Product {
					            __typename
					            upc
					            price
					            weight
					          }
					        } =>
					        {
					          ... on Product {
					            shippingEstimate
					            inStock
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void providedFieldsNeedNoExtraFetch() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, "{ topProducts(first: 2) { reviews { author { username } } } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "products") {
					      {
					        topProducts(first: 2) {
					          __typename
					          upc
					        }
					      }
					    },
					    Flatten(path: "topProducts.@") {
					      Fetch(service: "reviews") {
					        {
					          ... on Product {
					            __typename
					            upc
					          }
					        } =>
					        {
					          ... on Product {
					            reviews {
					              author {
					                username
					              }
					            }
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void fieldsBeyondTheProvidedOnesAreFetchedThroughTheKey() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS,
				"{ topProducts(first: 2) { reviews { author { username name birthday } } } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "products") {
					      {
					        topProducts(first: 2) {
					          __typename
					          upc
					        }
					      }
					    },
					    Flatten(path: "topProducts.@") {
					      Fetch(service: "reviews") {
					        {
					          ... on Product {
					            __typename
					            upc
					          }
					        } =>
					        {
					          ... on Product {
					            reviews {
					              author {
					                username
					                __typename
					                id
					              }
					            }
					          }
					        }
					      },
					    },
					    Flatten(path: "topProducts.@.reviews.@.author") {
					      Fetch(service: "accounts") {
					        {
					          ... on User {
					            __typename
					            id
					          }
					        } =>
					        {
					          ... on User {
					            name
					            birthday
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void entityChainsRunInDependencyOrderAndRequiresWaitsForItsSource() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, """
				query UserReviews($id: ID!) {
				  user(id: $id) { name reviews { body product { name inStock shippingEstimate } } }
				}""", Map.of("id", "2"))).hasToString("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "accounts") {
				      {
				        user(id: $id) {
				          name
				          __typename
				          id
				        }
				      }
				    },
				    Flatten(path: "user") {
				      Fetch(service: "reviews") {
				        {
				          ... on User {
				            __typename
				            id
				          }
				        } =>
				        {
				          ... on User {
				            reviews {
				              body
				              product {
				                __typename
				                upc
				              }
				            }
				          }
				        }
				      },
				    },
				    Flatten(path: "user.reviews.@.product") {
				      Fetch(service: "products") {
				        {
				          ... on Product {
				            __typename
				            upc
				          }
				        } =>
				        {
				          ... on Product {
				            name
				            price
				            weight
				          }
				        }
				      },
				    },
				    Flatten(path: "user.reviews.@.product") {
				      Fetch(service: "inventory") {
				        {
				          ... on Product {
				            __typename
				            upc
				            price
				            weight
				          }
				        } =>
				        {
				          ... on Product {
				            inStock
				            shippingEstimate
				          }
				        }
				      },
				    },
				  },
				}""");
	}

	@Test
	void independentEntityFetchesRunInParallel() {
		assertThat(Plans.plan(KitSupergraphs.SHOP, "{ cheapBooks(max: 1500) { title shippingCost(country: \"AT\") } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "pricing") {
					      {
					        cheapBooks(max: 1500) {
					          __typename
					          isbn
					          weight {
					            grams
					          }
					        }
					      }
					    },
					    Parallel {
					      Flatten(path: "cheapBooks.@") {
					        Fetch(service: "catalog") {
					          {
					            ... on Book {
					              __typename
					              isbn
					            }
					          } =>
					          {
					            ... on Book {
					              title
					            }
					          }
					        },
					      },
					      Flatten(path: "cheapBooks.@") {
					        Fetch(service: "logistics") {
					          {
					            ... on Book {
					              __typename
					              isbn
					              weight {
					                grams
					              }
					            }
					          } =>
					          {
					            ... on Book {
					              shippingCost(country: "AT")
					            }
					          }
					        },
					      },
					    },
					  },
					}""");
	}

	@Test
	void aliasesAreKeptInSubgraphOperations() {
		QueryPlan plan = Plans.plan(KitSupergraphs.REVIEWS,
				"{ a: topProducts(first: 1) { upc name } b: topProducts(first: 3) { name cost: price n: name } }");
		assertThat(plan.root()).isInstanceOfSatisfying(PlanNode.Fetch.class, (fetch) -> assertThat(fetch.operation())
			.isEqualTo("query{a:topProducts(first:1){upc name} b:topProducts(first:3){name cost:price n:name}}"));
	}

	@Test
	void skippedFieldsAreNotFetched() {
		String query = "query C($with: Boolean!) { topProducts(first: 2) { name reviews @include(if: $with) { body } } }";
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, query, Map.of("with", false)).toString())
			.doesNotContain("reviews");
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, query, Map.of("with", true)).toString())
			.contains("Fetch(service: \"reviews\")");
	}

	@Test
	void entityFetchesDeclareRepresentationsAndTheVariablesTheyUse() {
		QueryPlan plan = Plans.plan(KitSupergraphs.SHOP,
				"query Ship($country: String!) { cheapBooks(max: 1500) { shippingCost(country: $country) } }",
				Map.of("country", "AT"));
		PlanNode.Sequence sequence = (PlanNode.Sequence) plan.root();
		PlanNode.Flatten flatten = (PlanNode.Flatten) sequence.nodes().get(1);
		assertThat(flatten.fetch().operation()).isEqualTo("query($representations:[_Any!]!,$country:String!)"
				+ "{_entities(representations:$representations){...on Book{shippingCost(country:$country)}}}");
		assertThat(flatten.fetch().variables()).containsExactly("country");
		assertThat(flatten.fetch().representation()).containsOnlyKeys("Book");
		assertThat(flatten.fetch().representation().get("Book")).extracting(RequiredField::name)
			.containsExactly("__typename", "isbn", "weight");
	}

	@Test
	void abstractFieldsAreFetchedPerPossibleTypeWithTypename() {
		assertThat(Plans.plan(KitSupergraphs.SHOP,
				"{ search(term: \"e\") { ... on Book { title } ... on Store { name taxRate } } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "catalog") {
					      {
					        search(term: "e") {
					          __typename
					          ... on Book {
					            title
					          }
					          ... on Store {
					            name
					            __typename
					            country
					            code
					          }
					        }
					      }
					    },
					    Flatten(path: "search.@") {
					      Fetch(service: "pricing") {
					        {
					          ... on Store {
					            __typename
					            country
					            code
					          }
					        } =>
					        {
					          ... on Store {
					            taxRate
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void mutationFieldsOfOneSubgraphShareOneFetch() {
		QueryPlan plan = Plans.plan(KitSupergraphs.SHOP,
				"mutation { first: appendNote(text: \"a\") second: appendNote(text: \"b\") }");
		assertThat(plan.root()).isInstanceOfSatisfying(PlanNode.Fetch.class, (fetch) -> assertThat(fetch.operation())
			.isEqualTo("mutation{first:appendNote(text:\"a\") second:appendNote(text:\"b\")}"));
	}

	@Test
	void interfaceFieldsOfAnInterfaceObjectSubgraphAreFetchedWithTheInterfaceAsTypename() {
		assertThat(Plans.plan(KitSupergraphs.SHOP,
				"{ item(id: \"b1\") { title reviews { stars reviewer { name email } } } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "catalog") {
					      {
					        item(id: "b1") {
					          __typename
					          ... on Book {
					            title
					            __typename
					            id
					          }
					          ... on Movie {
					            title
					            __typename
					            id
					          }
					        }
					      }
					    },
					    Flatten(path: "item") {
					      Fetch(service: "reviews") {
					        {
					          ... on Item {
					            __typename
					            id
					          }
					        } =>
					        {
					          ... on Item {
					            reviews {
					              stars
					              reviewer {
					                name
					                __typename
					                id
					              }
					            }
					          }
					        }
					      },
					    },
					    Flatten(path: "item.reviews.@.reviewer") {
					      Fetch(service: "accounts") {
					        {
					          ... on Customer {
					            __typename
					            id
					          }
					        } =>
					        {
					          ... on Customer {
					            email
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void objectsFromAnInterfaceObjectSubgraphGetTheirTypeFromTheInterfaceOwnerFirst() {
		assertThat(Plans.plan(KitSupergraphs.SHOP,
				"{ customers { name favorite { __typename id title ... on Movie { director } averageRating } } }"))
			.hasToString("""
					QueryPlan {
					  Sequence {
					    Fetch(service: "accounts") {
					      {
					        customers {
					          name
					          favorite {
					            __typename
					            id
					          }
					        }
					      }
					    },
					    Flatten(path: "customers.@.favorite") {
					      Fetch(service: "catalog") {
					        {
					          ... on Item {
					            __typename
					            id
					          }
					        } =>
					        {
					          ... on Item {
					            __typename
					            ... on Book {
					              __typename
					              id
					              title
					            }
					            ... on Movie {
					              __typename
					              id
					              title
					              director
					            }
					          }
					        }
					      },
					    },
					    Flatten(path: "customers.@.favorite") {
					      Fetch(service: "reviews") {
					        {
					          ... on Item {
					            __typename
					            id
					          }
					        } =>
					        {
					          ... on Item {
					            averageRating
					          }
					        }
					      },
					    },
					  },
					}""");
	}

	@Test
	void keyAndRequiredFieldsTakeAReservedAliasWhenTheClientUsesTheirNamesForOtherFields() {
		QueryPlan plan = Plans.plan(KitSupergraphs.REVIEWS,
				"{ topProducts { upc: name price: weight shippingEstimate } }");
		PlanNode.Sequence sequence = (PlanNode.Sequence) plan.root();
		assertThat(((PlanNode.Fetch) sequence.nodes().get(0)).operation())
			.isEqualTo("query{topProducts{upc:name price:weight __typename __zw_upc:upc __zw_price:price weight}}");
		PlanNode.Fetch inventory = ((PlanNode.Flatten) sequence.nodes().get(1)).fetch();
		assertThat(inventory.representation().get("Product")).containsExactly(
				new RequiredField("__typename", "__typename", List.of()),
				new RequiredField("upc", "__zw_upc", List.of()), new RequiredField("price", "__zw_price", List.of()),
				new RequiredField("weight", "weight", List.of()));
	}

	@Test
	void aKeyTheCurrentSubgraphCannotProvideIsFetchedFromAnotherSubgraphFirst() {
		Supergraph supergraph = threeSubgraphs(
				"""
						type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
						  t: T @join__field(graph: A)
						}
						type T @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") @join__type(graph: C, key: "sku") {
						  id: ID! @join__field(graph: A) @join__field(graph: B)
						  sku: String! @join__field(graph: B) @join__field(graph: C)
						  price: Int @join__field(graph: C)
						}
						""");
		assertThat(Plans.plan(supergraph, "{ t { price } }")).hasToString("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      {
				        t {
				          __typename
				          id
				        }
				      }
				    },
				    Flatten(path: "t") {
				      Fetch(service: "b") {
				        {
				          ... on T {
				            __typename
				            id
				          }
				        } =>
				        {
				          ... on T {
				            sku
				          }
				        }
				      },
				    },
				    Flatten(path: "t") {
				      Fetch(service: "c") {
				        {
				          ... on T {
				            __typename
				            sku
				          }
				        } =>
				        {
				          ... on T {
				            price
				          }
				        }
				      },
				    },
				  },
				}""");
	}

	@Test
	void aShareableFieldIsFetchedFromTheSubgraphThatResolvesMostOfItsSelection() {
		Supergraph supergraph = threeSubgraphs(
				"""
						type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
						  t: T @join__field(graph: A)
						}
						type T @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") @join__type(graph: C, key: "id") {
						  id: ID!
						  x: X @join__field(graph: B) @join__field(graph: C)
						}
						type X @join__type(graph: B) @join__type(graph: C) {
						  a: Int
						  y: Int @join__field(graph: C)
						}
						""");
		assertThat(Plans.plan(supergraph, "{ t { x { a y } } }")).hasToString("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      {
				        t {
				          __typename
				          id
				        }
				      }
				    },
				    Flatten(path: "t") {
				      Fetch(service: "c") {
				        {
				          ... on T {
				            __typename
				            id
				          }
				        } =>
				        {
				          ... on T {
				            x {
				              a
				              y
				            }
				          }
				        }
				      },
				    },
				  },
				}""");
	}

	private static Supergraph threeSubgraphs(String types) {
		String reviews = KitSupergraphs.sdl("reviews");
		return SupergraphLoader.parse(reviews.substring(0, reviews.indexOf("enum join__Graph")) + """
				enum join__Graph {
				  A @join__graph(name: "a", url: "http://127.0.0.1:1/a")
				  B @join__graph(name: "b", url: "http://127.0.0.1:1/b")
				  C @join__graph(name: "c", url: "http://127.0.0.1:1/c")
				}
				scalar link__Import
				enum link__Purpose { SECURITY EXECUTION }
				""" + types);
	}

	@Test
	void requiredFieldsWithArgumentsTakeTheirOwnKeySoTheyNeverMergeWithTheClientsField() {
		Supergraph supergraph = threeSubgraphs("""
				type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
				  t: T @join__field(graph: A)
				}
				type T @join__type(graph: A, key: "id") @join__type(graph: C, key: "id") {
				  id: ID!
				  base(unit: String): Int @join__field(graph: A) @join__field(graph: C, external: true)
				  total: Int @join__field(graph: C, requires: "base(unit: \\"kg\\")")
				}
				""");
		PlanNode.Sequence plan = (PlanNode.Sequence) Plans.plan(supergraph, "{ t { base total } }").root();
		assertThat(((PlanNode.Fetch) plan.nodes().get(0)).operation())
			.isEqualTo("query{t{base __typename id __zw_base:base(unit:\"kg\")}}");
		PlanNode.Fetch c = ((PlanNode.Flatten) plan.nodes().get(1)).fetch();
		assertThat(c.representation().get("T")).containsExactly(
				new RequiredField("__typename", "__typename", List.of()), new RequiredField("id", "id", List.of()),
				new RequiredField("base", "__zw_base", List.of()));
	}

	/**
	 * Subgraph b declares {@code User.id} as {@code ID!} and {@code Admin.id} as
	 * {@code ID}: one selection with both under the key {@code id} would fail b's
	 * validation, so the second shape is aliased (also in merged nested selections).
	 */
	@Test
	void siblingFieldsWithAnotherShapeInTheSubgraphAreAliased() {
		Supergraph supergraph = threeSubgraphs(
				"""
						type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
						  accounts: [Account!]! @join__field(graph: B)
						}
						interface Account @join__type(graph: B) {
						  id: ID
						}
						type User implements Account @join__implements(graph: B, interface: "Account") @join__type(graph: B, key: "id") {
						  id: ID @join__field(graph: B, type: "ID!")
						  similar: [Account!]! @join__field(graph: B)
						}
						type Admin implements Account @join__implements(graph: B, interface: "Account") @join__type(graph: B) {
						  id: ID
						  similar: [Account!]! @join__field(graph: B)
						}
						""");
		QueryPlan plan = Plans.plan(supergraph,
				"""
						{ accounts { ... on User { id similar { ... on User { id } } } ... on Admin { id similar { ... on Admin { id } } } } }""");
		assertThat(plan).hasToString("""
				QueryPlan {
				  Fetch(service: "b") {
				    {
				      accounts {
				        __typename
				        ... on Admin {
				          id
				          similar {
				            __typename
				            ... on Admin {
				              id
				            }
				          }
				        }
				        ... on User {
				          __zw_0_id: id
				          similar {
				            __typename
				            ... on User {
				              __zw_1_id: id
				            }
				          }
				        }
				      }
				    }
				  },
				}""");
		assertThat(((PlanNode.Fetch) plan.root()).renames()).containsExactly(
				new KeyRename(List.of("accounts"), "__zw_0_id", "id"),
				new KeyRename(List.of("accounts", "similar"), "__zw_1_id", "id"));
	}

	/**
	 * {@code Post.author} in b requires {@code comments { authorId }}: b resolves the
	 * comments, but only a resolves {@code authorId}, so the field needs a second fetch
	 * from b after a, not the first one (which would wait for itself).
	 */
	@Test
	void aFieldRequiringDataFromALaterFetchOfTheSameSubgraphGetsItsOwnFetch() {
		Supergraph supergraph = threeSubgraphs("""
				type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
				  feed: [Post] @join__field(graph: A)
				}
				type Post @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
				  id: ID!
				  author: String @join__field(graph: B, requires: "comments(limit: 3) { authorId }")
				  comments(limit: Int!): [Comment] @join__field(graph: B)
				}
				type Comment @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
				  id: ID!
				  authorId: ID @join__field(graph: A) @join__field(graph: B, external: true)
				}
				""");
		assertThat(Plans.plan(supergraph, "{ feed { author comments(limit: 1) { id } } }")).hasToString("""
				QueryPlan {
				  Sequence {
				    Fetch(service: "a") {
				      {
				        feed {
				          __typename
				          id
				        }
				      }
				    },
				    Flatten(path: "feed.@") {
				      Fetch(service: "b") {
				        {
				          ... on Post {
				            __typename
				            id
				          }
				        } =>
				        {
				          ... on Post {
				            __zw_comments: comments(limit: 3) {
				              __typename
				              id
				            }
				            comments(limit: 1) {
				              id
				            }
				          }
				        }
				      },
				    },
				    Flatten(path: "feed.@.__zw_comments.@") {
				      Fetch(service: "a") {
				        {
				          ... on Comment {
				            __typename
				            id
				          }
				        } =>
				        {
				          ... on Comment {
				            authorId
				          }
				        }
				      },
				    },
				    Flatten(path: "feed.@") {
				      Fetch(service: "b") {
				        {
				          ... on Post {
				            __typename
				            id
				            __zw_comments: comments(limit: 3) {
				              authorId
				            }
				          }
				        } =>
				        {
				          ... on Post {
				            author
				          }
				        }
				      },
				    },
				  },
				}""");
	}

	/**
	 * A required field with arguments below the top level ({@code category {
	 * averagePrice(currency: "USD") }}) is fetched under the reserved key the
	 * representation reads it from.
	 */
	@Test
	void nestedRequiredFieldsWithArgumentsAreFetchedUnderTheKeyTheRepresentationReads() {
		Supergraph supergraph = threeSubgraphs("""
				type Query @join__type(graph: A) @join__type(graph: B) @join__type(graph: C) {
				  products: [Product] @join__field(graph: A)
				}
				type Product @join__type(graph: A, key: "upc") @join__type(graph: B, key: "upc") {
				  upc: String!
				  category: Category @join__field(graph: A) @join__field(graph: B, external: true)
				  expensive: Boolean @join__field(graph: B, requires: "category { averagePrice(currency: \\"USD\\") }")
				}
				type Category @join__type(graph: A) @join__type(graph: B) {
				  averagePrice(currency: String!): Int @join__field(graph: A) @join__field(graph: B, external: true)
				}
				""");
		PlanNode.Sequence plan = (PlanNode.Sequence) Plans
			.plan(supergraph, "{ products { category { averagePrice(currency: \"EUR\") } expensive } }")
			.root();
		assertThat(((PlanNode.Fetch) plan.nodes().get(0)).operation()).isEqualTo(
				"query{products{category{averagePrice(currency:\"EUR\") __zw_averagePrice:averagePrice(currency:\"USD\")}"
						+ " __typename upc}}");
		PlanNode.Fetch b = ((PlanNode.Flatten) plan.nodes().get(1)).fetch();
		assertThat(b.representation().get("Product")).contains(new RequiredField("category", "category",
				List.of(new RequiredField("averagePrice", "__zw_averagePrice", List.of()))));
	}

	@Test
	void onlyTypenameNeedsNoFetch() {
		assertThat(Plans.plan(KitSupergraphs.REVIEWS, "{ __typename }").root()).isNull();
	}

}
