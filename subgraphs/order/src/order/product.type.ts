// The catalog's Product as the order subgraph knows it: only its key. An order line's product is
// a reference the gateway resolves in the catalog; what was bought is the line's own snapshot.
import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;

  static reference(id: string): Product {
    return Object.assign(new Product(), { id });
  }
}
