/**
 * The catalog the emulator CLI starts with unless told otherwise (`--catalog-file F`,
 * `--empty-catalog`): two workspaces — Sales Prod, whose items are the demo pipeline's
 * (examples/pipelines/demo.yaml, src/demo/scenario.json), and Sales Dev with the same names — and a
 * few items of each type that runs jobs, plus a semantic model, so that names work from the first
 * command (`--workspace "Sales Prod" --item "Join.Notebook"`). docs/emulator.md lists it.
 */
import type { CatalogDefinition } from './catalog.js';

export const SAMPLE_CATALOG: CatalogDefinition = {
  "workspaces": [
    {
      "id": "45b96281-1511-4568-9ec5-e02bc036cd64",
      "displayName": "Sales Prod",
      "description": "sample workspace: the demo pipeline's items (examples/pipelines/demo.yaml)",
      "items": [
        {
          "id": "3952cac0-9b4c-4379-97ef-3b799c902023",
          "displayName": "Load orders",
          "type": "DataPipeline"
        },
        {
          "id": "7bc80f6c-83cf-4ed1-91a1-d95610db45ec",
          "displayName": "Load customers",
          "type": "DataPipeline"
        },
        {
          "id": "71d671cd-52ab-4a67-b501-45a53eade486",
          "displayName": "Join",
          "type": "Notebook"
        },
        {
          "id": "1edc3dda-fcd0-474a-bda1-90a2782ee091",
          "displayName": "Report",
          "type": "Notebook"
        },
        {
          "id": "0ec2bf5b-6015-4bc6-8421-16e8c688d24d",
          "displayName": "Undo load",
          "type": "Notebook"
        },
        {
          "id": "2663866b-90d0-4de9-aaa6-d12a1d95fc7d",
          "displayName": "Always fails",
          "type": "Notebook",
          "description": "its jobs fail (the demo's scenario file)"
        },
        {
          "id": "3c4986c3-0e48-4145-b787-5789baec9423",
          "displayName": "Sales lake",
          "type": "Lakehouse"
        },
        {
          "id": "b0f1a4de-3d6c-4c55-9a43-58f2c6d1e7a1",
          "displayName": "Nightly aggregates",
          "type": "SparkJobDefinition"
        },
        {
          "id": "5c7e2b19-8a4f-4e0d-b6a2-93d1f0c4e8b2",
          "displayName": "Daily flow",
          "type": "Dataflow"
        },
        {
          "id": "d2a9c6e4-1b7f-4f3a-8c5d-6e0b9a2f4c13",
          "displayName": "Sales",
          "type": "SemanticModel"
        }
      ]
    },
    {
      "id": "9e4c2d71-6a3b-4f8e-b1d5-0c7a8f2e6b94",
      "displayName": "Sales Dev",
      "description": "sample workspace: a second one, with the same names",
      "items": [
        {
          "id": "c4b8e2f6-7d1a-4e9c-a3b5-2f6d8e0a1c47",
          "displayName": "Load orders",
          "type": "DataPipeline"
        },
        {
          "id": "e7a1c3f5-9b2d-4c8e-b6a4-1d3f5e7a9c02",
          "displayName": "Join",
          "type": "Notebook"
        },
        {
          "id": "f3d5b7a9-2c4e-4a6b-8d0f-9e1c3a5b7d28",
          "displayName": "Sales lake",
          "type": "Lakehouse"
        },
        {
          "id": "a8c0e2b4-6d8f-4b1a-9c3e-5f7a9b1d3e64",
          "displayName": "Sales",
          "type": "SemanticModel"
        }
      ]
    }
  ]
};
