// The order subgraph's Order as the payment subgraph knows it: only its key. This subgraph
// contributes `payments` and `paymentStatus` to it (order-payments.resolver.ts).
import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType()
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id!: string;

  static reference(id: string): Order {
    return Object.assign(new Order(), { id });
  }
}
