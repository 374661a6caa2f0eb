package com.starrymeet.celebrity.category.web;

import java.util.List;

import com.starrymeet.celebrity.category.Categories;
import com.starrymeet.celebrity.category.Category;
import com.starrymeet.common.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "categories", description = "Categories of talent")
class CategoryController {

	private final Categories categories;

	CategoryController(Categories categories) {
		this.categories = categories;
	}

	/** Every category, public. */
	@GetMapping("/v1/categories")
	@Operation(operationId = "listCategories", summary = "List the categories",
			description = "In display order, each with the number of public celebrities in it (`celebrityCount`).")
	ApiResponse<List<Category>> all() {
		return ApiResponse.ok(categories.all());
	}
}
